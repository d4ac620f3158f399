package coop.izek.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    @Test
    void shouldWriteTheSameBytesAsTheBackendsEncoder() {
        var document = workshopWithEnrolments(1_500);

        assertThat(encoded(document)).isEqualTo(encodedByTheBackend(document));
    }

    @Test
    void shouldReadBackWhatItWrote() {
        // Values that read back as they were written (a set or an array reads back as a list).
        var document = new Document("_id", "w1").append("enrolments", List.of(new Document("status", "CONFIRMED")
                .append("participantKeys", List.of("p:1")).append("createdAt", Instant.ofEpochMilli(1_765_000_000_000L))))
                .append("seatsLeft", 3).append("version", 7L).append("open", true).append("nothing", null);
        var buffer = new WriteBuffer();

        type.write(buffer, document);
        var read = type.read(buffer.getBuffer().flip());

        assertThat(read).isEqualTo(document);
    }

    /** Every kind of value the backend stores, in documents, in arrays longer than the names made ahead, and nested. */
    private static Document workshopWithEnrolments(int enrolments) {
        var list = new ArrayList<Object>();
        for (int i = 0; i < enrolments; i++) {
            list.add(new Document("_id", UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString()).append("status", "WAITLISTED")
                    .append("participantKeys", List.of("p:" + i, "d:" + i)).append("priceMinor", 10_000L + i)
                    .append("createdAt", Instant.ofEpochMilli(1_765_000_000_000L + i)));
        }
        return new Document("_id", "workshop-ü-1").append("title", new Document("tr", "Çocuklar için atölye \uD83C\uDFA8").append("broken", "half a pair \uD800 of surrogates").append("pl", "Warsztat dla dzieci"))
                .append("enrolments", list).append("tags", new LinkedHashSet<>(List.of("a", "b")))
                .append("seatsLeft", 3).append("rate", 0.5).append("open", true).append("nothing", null)
                .append("objectId", new ObjectId()).append("uuid", UUID.randomUUID()).append("data", new BinData(new byte[] {1, 2, 3})).append("legacy", new LegacyUUID(UUID.randomUUID()))
                .append("decimal", new Decimal128(1, 2)).append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("nested", List.of(List.of(1, 2), List.of()));
    }

    private byte[] encoded(Document document) {
        var buffer = new WriteBuffer();
        type.write(buffer, document);
        var bytes = buffer.getBuffer().flip();
        assertThat(bytes.get()).isEqualTo(BsonDocumentType.BSON);
        var written = new byte[bytes.remaining()];
        bytes.get(written);
        return written;
    }

    private static byte[] encodedByTheBackend(Document document) {
        var bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            return ByteBufUtil.getBytes(bson);
        } finally {
            bson.release();
        }
    }
}
