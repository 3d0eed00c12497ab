package io.autorecovery.detector.template;

/** Turns a log message into the template that all occurrences of the same fault share. */
public interface TemplateMiner {

    MinedTemplate mine(String service, String message);
}
