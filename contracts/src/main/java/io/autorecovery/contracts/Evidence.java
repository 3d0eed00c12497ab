package io.autorecovery.contracts;

/** One piece of knowledge an analysis rests on: where it comes from and the part that matters. */
public record Evidence(String kind, String reference, String excerpt, double score) {}
