package coop.izek.membership.identity;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface People extends MongoRepository<Person, String> {

    Optional<Person> findByEmailKey(String emailKey);
}
