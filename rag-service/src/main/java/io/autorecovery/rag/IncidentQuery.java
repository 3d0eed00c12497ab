package io.autorecovery.rag;

import io.autorecovery.contracts.FaultClass;
import io.autorecovery.contracts.IncidentCreated;

/** The masked, bounded text of an incident that retrieval and the model read. */
public record IncidentQuery(String text, String samples) {

    public static IncidentQuery of(IncidentCreated incident, int maxSampleChars) {
        String samples = LogMask.mask(cut(String.join("\n", incident.samples()), maxSampleChars));
        StringBuilder text = new StringBuilder(LogMask.mask(incident.title()));
        if (incident.faultClass() != FaultClass.UNKNOWN) {
            text.append('\n').append(incident.faultClass().code());
        }
        text.append('\n').append(incident.service()).append('\n').append(samples);
        return new IncidentQuery(text.toString(), samples);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
