package coop.izek.deploy.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How the store writes documents to its file: as BSON, behind a tag H2's own type never writes, instead of the
 * backend's default Java serialisation, which took a fifth of the store's CPU under the enrolment rush (a workshop's
 * document is rewritten with each enrolment). Documents written the old way are still read.
 * <p>
 * The encoding is the backend's own ({@link BsonEncoder}, the same bytes), walked here without its two costs for
 * large documents: it looked every field up again by its name, and copied every array into a new document keyed
 * "0", "1", … first. The store encodes a document with every commit that changes it, so those were a fifth of its CPU
 * in a rush, when each write appends to a workshop's list of hundreds of enrolments.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** {@link ObjectDataType}'s tags end at 119. */
    static final byte BSON = 127;

    /** Array elements' names, "0", "1", …, made once (without the terminating zero). */
    private static final byte[][] INDEX_NAMES = new byte[1024][];

    static {
        for (int i = 0; i < INDEX_NAMES.length; i++) {
            INDEX_NAMES[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int KEPT_CAPACITY = 1024 * 1024;
    /**
     * Each serialising thread's buffer (H2 serialises on a thread of its own), used again for every document it writes:
     * a large workshop is then not copied into ever larger buffers at each commit. One a very large document grew is
     * not kept.
     */
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(INITIAL_CAPACITY));

    private final ObjectDataType written = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Document document) {
        var bson = ENCODING.get().clear();
        encode(document, bson);
        buffer.put(BSON);
        buffer.put(bson.nioBuffer());
        if (bson.capacity() > KEPT_CAPACITY) {
            ENCODING.set(Unpooled.buffer(INITIAL_CAPACITY));
        }
    }

    private static void encode(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (var field : document.entrySet()) {
            element(field.getKey(), null, field.getValue(), out);
        }
        out.writeByte(BsonConstants.TERMINATING_BYTE);
        out.setIntLE(start, out.writerIndex() - start);
    }

    /** One named value: {@code name}, or for an array's element {@code index}, its name made ahead. */
    private static void element(String name, byte[] index, Object value, ByteBuf out) {
        byte type = typeOf(value);
        out.writeByte(type);
        if (index != null) {
            out.writeBytes(index);
        } else {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        out.writeByte(BsonConstants.STRING_TERMINATION);
        switch (type) {
            case BsonConstants.TYPE_UTF8_STRING -> {
                var text = ((String) value).getBytes(StandardCharsets.UTF_8);
                out.writeIntLE(text.length + 1);
                out.writeBytes(text);
                out.writeByte(BsonConstants.STRING_TERMINATION);
            }
            case BsonConstants.TYPE_EMBEDDED_DOCUMENT -> {
                @SuppressWarnings("unchecked")
                var document = (Map<String, ?>) value;
                encode(document, out);
            }
            case BsonConstants.TYPE_ARRAY -> {
                int start = out.writerIndex();
                out.writeIntLE(0);
                int i = 0;
                for (var element : (Collection<?>) value) {
                    if (i < INDEX_NAMES.length) {
                        element(null, INDEX_NAMES[i], element, out);
                    } else {
                        element(Integer.toString(i), null, element, out);
                    }
                    i++;
                }
                out.writeByte(BsonConstants.TERMINATING_BYTE);
                out.setIntLE(start, out.writerIndex() - start);
            }
            default -> BsonEncoder.encodeValue(type, value, out);
        }
    }

    /** The backend's choice of type, the kinds most values are asked about first. */
    private static byte typeOf(Object value) {
        if (value instanceof String) {
            return BsonConstants.TYPE_UTF8_STRING;
        } else if (value instanceof Map) {
            return BsonConstants.TYPE_EMBEDDED_DOCUMENT;
        } else if (value instanceof Collection) {
            return BsonConstants.TYPE_ARRAY;
        }
        return BsonEncoder.determineType(value);
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
