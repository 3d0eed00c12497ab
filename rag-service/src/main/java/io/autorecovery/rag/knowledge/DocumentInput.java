package io.autorecovery.rag.knowledge;

import java.util.List;

/**
 * A document as the API receives it. Runbooks bring Markdown with front matter in {@code body};
 * past incidents bring a signature, a root cause and a resolution; fixes bring a diff and a status.
 */
public record DocumentInput(
        String id,
        String kind,
        String title,
        String body,
        List<String> faultClasses,
        String signature,
        String service,
        String rootCause,
        String resolution,
        String diff,
        String status,
        Recipe recipe) {}
