package io.autorecovery.rag.knowledge;

/**
 * A machine-readable remediation: one setting of one file moves from a known value to a safer one.
 */
public record Recipe(String file, String setting, String from, String to, String summary) {

    public Recipe {
        if (blank(file) || blank(setting) || to == null || blank(summary)) {
            throw new InvalidDocumentException("a recipe needs file, setting, to and summary");
        }
        if (file.startsWith("/") || file.contains("..")) {
            throw new InvalidDocumentException("a recipe's file must be a relative path inside the service");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
