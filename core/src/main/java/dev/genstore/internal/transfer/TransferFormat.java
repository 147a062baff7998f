package dev.genstore.internal.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.genstore.transfer.Manifest;
import dev.genstore.transfer.TransferReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The layout of an export directory, which export writes and import reads. */
final class TransferFormat {
    static final String MANIFEST = "manifest.json";
    static final String BLOB_DIRECTORY = "blobs";
    static final String BLOB_INDEX = "blobs.jsonl";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Instant.parse(parser.getValueAsString());
                        }
                    }));

    private TransferFormat() {
    }

    /** One line of the blob index. */
    record BlobLine(String key, String contentType, long size, String sha256) {
    }

    /** The report of an export or import: the manifest's counts. */
    static TransferReport report(Manifest manifest, Instant started) {
        Map<String, Long> rows = new LinkedHashMap<>();
        manifest.tables().forEach(t -> rows.put(t.name(), t.rows()));
        return new TransferReport(rows, manifest.blobs().count(), manifest.blobs().bytes(),
                Duration.between(started, Instant.now()));
    }
}
