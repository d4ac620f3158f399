package coop.izek.deploy.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.WriteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.Unpooled;

/**
 * What the embedded store spends on a rush workshop's document at each commit that changes it: encoding it for the
 * file, as {@link BsonDocumentType} does, beside the backend's own encoder it replaced (the same bytes). The document
 * holds 200 enrolments, as a workshop of the rush does halfway. Here rather than in {@code deploy}, which the
 * benchmark runner's module depends on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class DocumentEncodingBenchmark {

    private final BsonDocumentType type = new BsonDocumentType();
    private Document workshop;

    @Setup
    public void setUp() {
        var enrolments = new ArrayList<Object>();
        for (int i = 0; i < 200; i++) {
            var person = UUID.randomUUID().toString();
            enrolments.add(new Document("_id", UUID.randomUUID().toString()).append("enrolleeId", person)
                    .append("participants", List.of(new Document("personId", person).append("targetGroup", "ADULTS")))
                    .append("participantKeys", List.of("p:" + person)).append("seatType", "STANDARD").append("status", "WAITLISTED")
                    .append("priceMinor", 10_000L).append("createdAt", Instant.now()));
        }
        workshop = new Document("_id", "rush-workshop").append("title", new Document("tr", "Atölye").append("en", "Workshop"))
                .append("capacity", 50).append("seatsLeft", 0).append("enrolments", enrolments);
    }

    @Benchmark
    public WriteBuffer storesEncoding() {
        var buffer = new WriteBuffer();
        type.write(buffer, workshop);
        return buffer;
    }

    @Benchmark
    public WriteBuffer backendsEncoder() {
        var bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(workshop, bson);
            var buffer = new WriteBuffer();
            buffer.put(BsonDocumentType.BSON);
            buffer.put(bson.nioBuffer());
            return buffer;
        } finally {
            bson.release();
        }
    }
}
