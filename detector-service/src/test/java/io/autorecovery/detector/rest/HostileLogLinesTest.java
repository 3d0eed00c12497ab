package io.autorecovery.detector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.FaultDetected;
import io.autorecovery.detector.config.DetectorConfig;
import io.autorecovery.detector.ingest.IntakeResult.Rejection;
import io.autorecovery.detector.store.RedisKeys;
import io.autorecovery.detector.support.FaultSink;
import io.autorecovery.detector.support.InMemoryChannels;
import io.autorecovery.detector.support.InMemoryDetectorTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile lines in a batch of {@code POST /logs}: each gets a clear outcome (cut with a marker,
 * repaired, or refused with its reason), and the lines around it are handled all the same.
 */
@QuarkusTest
@WithTestResource(value = InMemoryChannels.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HostileLogLinesTest extends InMemoryDetectorTest {

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    @Inject
    DetectorConfig config;

    @Test
    void shouldCutATenMegabytePlainLineWithAMarkerAndHandleTheOthers() {
        String service = keys.newService("uploads");
        String huge = "ERROR Upload failed: " + "x".repeat(TEN_MEGABYTES);

        LogsAccepted accepted = post(service, batch(huge.getBytes(StandardCharsets.UTF_8)));

        assertThat(accepted).isEqualTo(new LogsAccepted(3, 3, 0, 3, 3, 0, 1, List.of()));
        List<String> templates = templates(service);
        assertThat(templates).hasSize(3).contains("Disk quota reached", "Upload retried and failed");
        // A template sees only the head of a long line.
        assertThat(templates.get(1)).startsWith("Upload failed: xxx").hasSizeLessThanOrEqualTo(4096);
        assertThat(sampleOf(service, "Upload failed: "))
                .hasSize(config.samples().maxLength())
                .startsWith("Upload failed: xxx")
                .endsWith("… [truncated from 262138 chars]");
    }

    @Test
    void shouldRefuseATenMegabyteJsonLineNamingItAndHandleTheOthers() {
        String service = keys.newService("uploads");
        String huge = "{\"level\":\"ERROR\",\"message\":\"" + "x".repeat(TEN_MEGABYTES) + "\"}";

        LogsAccepted accepted = post(service, batch(huge.getBytes(StandardCharsets.UTF_8)));

        assertThat(accepted)
                .isEqualTo(new LogsAccepted(
                        3,
                        2,
                        1,
                        2,
                        2,
                        0,
                        0,
                        List.of(new Rejection(
                                2, "JSON line of " + huge.length() + " chars exceeds the limit of 1048576 chars"))));
        assertThat(templates(service)).containsExactly("Disk quota reached", "Upload retried and failed");
    }

    @Test
    void shouldRepairInvalidUtf8AndKeepBinaryBytesVisibleInTheirLines() {
        String service = keys.newService("uploads");
        ByteArrayOutputStream hostile = new ByteArrayOutputStream();
        hostile.writeBytes("ERROR Payment \u00e9 failed ".getBytes(StandardCharsets.UTF_8));
        hostile.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0x80});
        hostile.writeBytes("\n2026-03-04 10:15:30 ERROR Binary upload failed: ".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++) {
            if (b != '\n' && b != '\r') {
                hostile.write(b);
            }
        }

        LogsAccepted accepted = post(service, batch(hostile.toByteArray()));

        assertThat(accepted).isEqualTo(new LogsAccepted(4, 4, 0, 4, 4, 0, 0, List.of()));
        assertThat(sampleOf(service, "Payment ")).isEqualTo("Payment é failed \uFFFD(\uFFFD\uFFFD\uFFFD");
        assertThat(sampleOf(service, "Binary upload failed: "))
                .startsWith("Binary upload failed: \u0000\u0001\u0002")
                .contains("\uFFFD");
    }

    @Test
    void shouldRefuseDeeplyNestedJsonWithTheParsersReasonAndHandleTheOthers() {
        String service = keys.newService("nested");
        String nested = "{\"message\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        LogsAccepted accepted = post(service, batch(nested.getBytes(StandardCharsets.UTF_8)));

        assertThat(accepted.rejections()).hasSize(1);
        assertThat(accepted.rejections().get(0).line()).isEqualTo(2);
        assertThat(accepted.rejections().get(0).reason())
                .startsWith("unreadable JSON: Document nesting depth (33) exceeds the maximum allowed (32");
        assertThat(accepted).isEqualTo(new LogsAccepted(3, 2, 1, 2, 2, 0, 0, accepted.rejections()));
    }

    @Test
    void shouldBoundAHundredThousandFrameTraceToOneRecordThatKeepsItsCause() {
        String service = keys.newService("pricing");
        StringBuilder trace = new StringBuilder("ERROR Pricing failed\njava.lang.StackOverflowError: deep\n");
        for (int i = 0; i < 100_000; i++) {
            trace.append("\tat com.example.Pricing.price(Pricing.java:")
                    .append(10 + i % 7)
                    .append(")\n");
        }
        trace.append("Caused by: java.lang.IllegalStateException: cycle in price rules");

        LogsAccepted accepted = post(service, batch(trace.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(accepted).isEqualTo(new LogsAccepted(100_005, 100_005, 0, 3, 3, 0, 1, List.of()));
        FaultDetected pricing = faults.of(service).stream()
                .map(FaultSink.Sent::event)
                .filter(event -> event.template().equals("Pricing failed"))
                .findFirst()
                .orElseThrow();
        SignatureView view = given().get("/signatures/" + pricing.fingerprint())
                .then()
                .statusCode(200)
                .extract()
                .as(SignatureView.class);
        assertThat(view.stack())
                .isEqualTo(new SignatureView.StackView(
                        "java",
                        "java.lang.StackOverflowError",
                        List.of("java.lang.IllegalStateException"),
                        List.of("com.example.Pricing.price", "caused by java.lang.IllegalStateException"),
                        view.stack().framesDropped(),
                        997));
        assertThat(view.stack().framesDropped())
                .hasSize(50)
                .allSatisfy(frame -> assertThat(frame)
                        .isEqualTo(new SignatureView.DroppedFrameView(
                                "com.example.Pricing.price", "recursion: repeats the frames above it")));
    }

    @Test
    void shouldCapTheTemplatesOfAFloodOfDistinctMessagesAndKeepDetecting() {
        String service = keys.newService("flood");
        int cap = config.templates().maxPerService();
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < cap + 500; i++) {
            flood.append("ERROR ")
                    .append(word(i))
                    .append(' ')
                    .append(word(i * 7 + 3))
                    .append(" went wrong\n");
        }

        LogsAccepted accepted = post(service, batch(flood.toString().getBytes(StandardCharsets.UTF_8)));

        // The flood ends with a line break and the batch adds one: a blank line, accepted, no record.
        assertThat(accepted)
                .isEqualTo(new LogsAccepted(cap + 503, cap + 503, 0, cap + 502, cap + 502, 0, 0, List.of()));
        assertThat(redis.hash(String.class).hlen(RedisKeys.templates(service))).isEqualTo(cap);
        assertThat(faults.of(service)).hasSize(cap + 502);
        assertThat(templates(service).subList(0, 2)).containsExactly("Disk quota reached", "Upload retried and failed");
    }

    /** The batch every test sends: a good error line, the hostile bytes, another good error line. */
    private static byte[] batch(byte[] hostile) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("ERROR Disk quota reached\n".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(hostile);
        body.writeBytes("\nERROR Upload retried and failed\n".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private LogsAccepted post(String service, byte[] body) {
        return given().contentType("text/plain")
                .queryParam("service", service)
                .body(body)
                .post("/logs")
                .then()
                .statusCode(202)
                .extract()
                .as(LogsAccepted.class);
    }

    /** Templates of the events raised for the service, sorted, with their fingerprints noted for cleanup. */
    private List<String> templates(String service) {
        return faults.of(service).stream()
                .map(FaultSink.Sent::event)
                .peek(event -> keys.fingerprint(event.fingerprint()))
                .map(FaultDetected::template)
                .sorted()
                .toList();
    }

    private String sampleOf(String service, String templatePrefix) {
        return faults.of(service).stream()
                .map(FaultSink.Sent::event)
                .filter(event -> event.template().startsWith(templatePrefix))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no event with template " + templatePrefix + "… in " + templates(service)))
                .samples()
                .get(0);
    }

    /** A plain word (letters only, so never masked) for each number. */
    private static String word(int n) {
        StringBuilder word = new StringBuilder("w");
        for (int rest = n; rest > 0; rest /= 26) {
            word.append((char) ('a' + rest % 26));
        }
        return word.toString();
    }
}
