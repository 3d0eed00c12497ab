package io.autorecovery.detector.template;

import java.util.List;

/**
 * The template a message belongs to: its stable id, its text as learned so far, and the tokens
 * of this message that were masked, each with its rule.
 */
public record MinedTemplate(String id, String text, List<MaskedToken> maskedTokens, boolean truncated) {}
