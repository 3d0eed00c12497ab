package io.autorecovery.detector.template;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Derives a template by masking known variable shapes, message by message. It learns nothing from
 * earlier messages, so a variable part of an unknown shape (an alphanumeric order code, a user name)
 * stays in the template and splits one fault into several fingerprints.
 */
@ApplicationScoped
public class MaskingTemplateMiner implements TemplateMiner {

    @Override
    public String templateOf(String service, String message) {
        return VariableMasker.mask(message);
    }
}
