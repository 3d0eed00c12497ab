package io.autorecovery.detector.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.autorecovery.contracts.EventType;
import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.LogRecord;
import io.autorecovery.contracts.Samples;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultClassifierTest {

    @Test
    void shouldClassifyTheSampleLogRecordAsAnExhaustedPool() {
        LogRecord record = Samples.read(EventType.LOG_RECORDED, LogRecord.class);

        assertThat(FaultClassifier.classify(record.message(), record.stackTrace()))
                .isEqualTo(FaultClass.DB_POOL_EXHAUSTED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            HikariPool-1 - Connection is not available, request timed out after 30000ms | db-pool-exhausted
            Query timed out after 5000 ms on connection to orders                       | db-timeout
            java.sql.SQLTimeoutException: statement cancelled                           | db-timeout
            java.sql.SQLSyntaxErrorException: Unknown column 'totl' in 'field list'     | sql-syntax
            You have an error in your SQL syntax; check the manual                      | sql-syntax
            ERROR: syntax error at or near "FORM"                                       | sql-syntax
            Deadlock found when trying to get lock; try restarting transaction          | deadlock
            java.lang.NullPointerException                                              | null-reference
            Cannot invoke "Order.total()" because "order" is null                       | null-reference
            java.lang.OutOfMemoryError: Java heap space                                 | out-of-memory
            HTTP 429 from payments                                                      | rate-limited
            Rate limit exceeded for tenant acme                                         | rate-limited
            java.io.IOException: No space left on device                                | disk-full
            Request rejected with status 401                                            | auth-failure
            403 Forbidden while calling billing                                         | auth-failure
            Unauthorized: token expired                                                 | auth-failure
            Upstream inventory answered with an error                                   | upstream-error
            Gateway replied 503                                                         | upstream-error
            502 Bad Gateway                                                             | upstream-error
            java.net.SocketTimeoutException: Read timed out                             | upstream-timeout
            Call to inventory timed out                                                 | upstream-timeout
            Config property 'payment.api.url' is missing                                | config-missing
            SRCFG00014: The config property db.url is required but it could not be found | config-missing
            Environment variable STRIPE_KEY not set                                     | config-missing
            Upstream answered 429                                                       | rate-limited
            Something odd happened                                                      | unknown
            """)
    void shouldClassifyByKeywords(String message, String expectedCode) {
        assertThat(FaultClassifier.classify(message, null)).isEqualTo(FaultClass.of(expectedCode));
    }

    @Test
    void shouldSearchTheStackTraceToo() {
        String stackTrace = "java.lang.OutOfMemoryError: Metaspace\n\tat java.base/java.lang.ClassLoader.define";

        assertThat(FaultClassifier.classify("Request failed", stackTrace)).isEqualTo(FaultClass.OUT_OF_MEMORY);
    }

    @Test
    void shouldNotReadALineNumberAsAStatusCode() {
        String stackTrace = "java.lang.IllegalStateException: bad state\n\tat com.shop.Page.render(Page.java:401)";

        assertThat(FaultClassifier.classify("Failed to render page", stackTrace))
                .isEqualTo(FaultClass.UNKNOWN);
    }

    @Test
    void shouldNotReadAWordContainingTimeAndOutAsATimeout() {
        assertThat(FaultClassifier.classify("runtime output was empty", null)).isEqualTo(FaultClass.UNKNOWN);
    }

    @Test
    void shouldClassifyNothingAsUnknown() {
        assertThat(FaultClassifier.classify(null, null)).isEqualTo(FaultClass.UNKNOWN);
    }

    @Test
    void shouldClassifyEachOccurrenceOfARepeatedTraceByItsOwnMessage() {
        String stackTrace = "java.lang.IllegalStateException: request failed\n"
                + "\tat com.shop.orders.OrderClient.call(OrderClient.java:88)\n"
                + "\tat com.shop.orders.OrderService.place(OrderService.java:42)";

        assertThat(FaultClassifier.classify("Query timed out after 5000 ms", stackTrace))
                .isEqualTo(FaultClass.DB_TIMEOUT);
        assertThat(FaultClassifier.classify("Partner answered 429", stackTrace)).isEqualTo(FaultClass.RATE_LIMITED);
        assertThat(FaultClassifier.classify("Order could not be placed", stackTrace))
                .isEqualTo(FaultClass.UNKNOWN);
        assertThat(FaultClassifier.classify(
                        "Order could not be placed",
                        stackTrace + "\nCaused by: java.net." + "SocketTimeoutException: Read timed out"))
                .isEqualTo(FaultClass.UPSTREAM_TIMEOUT);
    }

    @Test
    void shouldSearchTheStartOfAHugeMessageAndOfAHugeTrace() {
        String filler = "x".repeat(FaultClassifier.MAX_TEXT_CHARS);

        assertThat(FaultClassifier.classify("Deadlock found. " + filler, filler))
                .isEqualTo(FaultClass.DEADLOCK);
        assertThat(FaultClassifier.classify(filler, "java.lang.OutOfMemoryError: Java heap space\n" + filler))
                .isEqualTo(FaultClass.OUT_OF_MEMORY);
        assertThat(FaultClassifier.classify(filler + " deadlock", filler + " deadlock"))
                .isEqualTo(FaultClass.UNKNOWN);
    }

    /** The one-pass scan finds exactly what the regular expression it stands for finds. */
    @Test
    void shouldFindStandaloneStatusCodesAsTheRegularExpressionDoes() {
        Pattern statusCode = Pattern.compile("(?<![\\w:./-])([1-5]\\d\\d)(?![\\w.])");
        String alphabet = "0123456789012345abz_:./- \n(é\"=";
        Random random = new Random(20261204);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Set<String> expected = new HashSet<>();
            Matcher matcher = statusCode.matcher(text);
            while (matcher.find()) {
                expected.add(matcher.group(1));
            }

            assertThat(FaultClassifier.statusCodesIn(text.toString()))
                    .as(text.toString())
                    .isEqualTo(expected);
        }
        assertThat(FaultClassifier.statusCodesIn("http 503 at Foo.java:401, /v1/502, 504."))
                .containsExactly("503");
    }
}
