package io.autorecovery.detector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the detector, under the {@code detector.} prefix. */
@ConfigMapping(prefix = "detector")
public interface DetectorConfig {

    /** How long a fingerprint must stay quiet before its return counts as a regression. */
    @WithDefault("10M")
    Duration cooldown();

    /** How long a fingerprint's record is kept after its last occurrence. */
    @WithDefault("P30D")
    Duration retention();

    /** Longest wait for the broker to acknowledge a {@code faults.detected} event. */
    @WithDefault("10S")
    Duration publishTimeout();

    Breadcrumbs breadcrumbs();

    Samples samples();

    Templates templates();

    Intake intake();

    Burst burst();

    LogsRaw logsRaw();

    /**
     * The reader of {@code logs.raw}: a consumer of its own rather than a messaging channel, so that a
     * record costs little more than reading it. Other Kafka client settings (security, timeouts) come
     * from the {@code kafka.} properties every channel of the service uses.
     */
    interface LogsRaw {

        /** Off where the service should only take logs over HTTP, from files or from CloudWatch. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("logs.raw")
        String topic();

        @WithDefault("detector-service")
        String groupId();

        /** Where records that cannot be handled go, with the reason in their headers. */
        @WithDefault("logs.raw.dlq")
        String deadLetterTopic();

        /** Records read at most per poll. */
        @WithDefault("2000")
        @Min(1)
        @Max(100_000)
        int maxPollRecords();

        /** Longest wait of one poll; also how often settled offsets are committed when idle. */
        @WithDefault("50ms")
        Duration pollTimeout();
    }

    /** Bounds on raw log lines and on the multi-line records assembled from them. */
    interface Intake {

        /** Longest line taken as it is; a longer plain line is cut with a marker, a JSON one refused. */
        @WithDefault("1048576")
        @Min(1024)
        @Max(16 * 1024 * 1024)
        int maxLineChars();

        /** Lines kept per assembled record (head and continuation lines); the rest are counted. */
        @WithDefault("1000")
        @Min(10)
        @Max(100_000)
        int maxRecordLines();

        /** Characters kept per assembled record; the rest are counted. */
        @WithDefault("262144")
        @Min(4096)
        @Max(16 * 1024 * 1024)
        int maxRecordChars();

        /** Largest body of {@code POST /logs}, in bytes. */
        @WithDefault("12582912")
        @Min(1024)
        @Max(64 * 1024 * 1024)
        int maxBodyBytes();

        /**
         * How long a record read from {@code logs.raw} waits for continuation records (stack-trace
         * lines sent as records of their own) before it is handled.
         */
        @WithDefault("500ms")
        Duration assemblyWait();
    }

    /** A fingerprint occurring this often within the window is raised as a burst. */
    interface Burst {

        @WithDefault("60S")
        Duration window();

        /** Occurrences within the window that make a burst. */
        @WithDefault("20")
        @Min(2)
        @Max(100_000)
        int threshold();
    }

    /** CloudWatch Logs groups polled for log lines; off unless enabled. */
    Cloudwatch cloudwatch();

    /** Files tailed for log lines, each {@code path} or {@code path=service}; none by default. */
    Optional<List<String>> files();

    FileTail fileTail();

    /** Polling of CloudWatch Logs with FilterLogEvents; credentials come from the default chain. */
    interface Cloudwatch {

        @WithDefault("false")
        boolean enabled();

        /** Each {@code group} or {@code group=service}; without a service, the stream names it. */
        Optional<List<String>> logGroups();

        /** AWS region; the default region chain decides when absent. */
        Optional<String> region();

        /** Another endpoint than AWS's, such as a local stand-in. */
        Optional<URI> endpointOverride();

        @WithDefault("10S")
        Duration pollInterval();

        /** How far back the first poll of a group without a cursor reads. */
        @WithDefault("5M")
        Duration initialLookback();

        /** First wait after a throttled or failed call; doubled per retry, with jitter. */
        @WithDefault("200MS")
        Duration backoffBase();

        @WithDefault("30S")
        Duration backoffMax();
    }

    /** Tailing of the files in {@code detector.files}. */
    interface FileTail {

        @WithDefault("1S")
        Duration pollInterval();

        /** Longest line delivered, in characters; longer lines end with a truncation marker. */
        @WithDefault("16384")
        @Min(256)
        @Max(1_048_576)
        int maxLineLength();
    }

    /** Bounds on the templates learned and kept in memory. */
    interface Templates {

        /** Templates kept per service; the least recently matched is evicted beyond. */
        @WithDefault("2000")
        @Min(10)
        @Max(1_000_000)
        int maxPerService();

        /** Services whose templates are kept in memory; the least recently seen is dropped. */
        @WithDefault("1000")
        @Min(1)
        @Max(100_000)
        int maxServices();
    }

    /** The non-error lines kept per service and attached to the next fault of that service. */
    interface Breadcrumbs {

        @WithDefault("5")
        @Min(0)
        @Max(100)
        int count();
    }

    /** The raw occurrences kept per fingerprint and carried in its events. */
    interface Samples {

        @WithDefault("5")
        @Min(1)
        @Max(50)
        int maxCount();

        /** Longest sample in characters, truncation marker included. */
        @WithDefault("2000")
        @Min(100)
        @Max(100_000)
        int maxLength();
    }
}
