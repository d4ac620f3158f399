package coop.izek.deploy.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.Unpooled;

/**
 * How the store writes documents to its file: as BSON, behind a tag H2's own type never writes, instead of the
 * backend's default Java serialisation, which took a fifth of the store's CPU under the enrolment rush (a workshop's
 * document is rewritten with each enrolment). Documents written the old way are still read.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** {@link ObjectDataType}'s tags end at 119. */
    static final byte BSON = 127;

    private final ObjectDataType written = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Document document) {
        var bson = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, bson);
            buffer.put(BSON);
            buffer.put(bson.nioBuffer());
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) written.read(buffer);
        }
        buffer.get();
        int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        var bson = new byte[length];
        buffer.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** An estimate for the page cache and page splits, without encoding the document. */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, estimate(document));
    }

    private static long estimate(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                long size = 48;
                for (var entry : map.entrySet()) {
                    size += 32 + 2L * String.valueOf(entry.getKey()).length() + estimate(entry.getValue());
                }
                yield size;
            }
            case Collection<?> list -> {
                long size = 32;
                for (var element : list) {
                    size += 8 + estimate(element);
                }
                yield size;
            }
            case String text -> 40 + 2L * text.length();
            case null -> 0;
            default -> 24;
        };
    }

    /** Values are only ever compared for equality (a conditional replace). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
