package io.autorecovery.rag.search;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Tokens of error text: words, and the parts of qualified names and camel-case identifiers, so that
 * {@code java.sql.SQLTimeoutException} also matches "sql", "timeout" and "exception".
 */
public class LogAnalyzer extends Analyzer {

    private static final Pattern SEPARATORS = Pattern.compile("[._$/:#@=\\\\-]+");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final CharArraySet STOP_WORDS = new CharArraySet(
            List.of(
                    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of",
                    "on", "or", "that", "the", "this", "to", "was", "with", "java", "lang", "org", "com", "io"),
            true);

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream stream = new StopFilter(new LowerCaseFilter(tokenizer), STOP_WORDS);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /** The text with qualified and camel-case names also written as their separate words. */
    public static String expand(String text) {
        String split = CAMEL.matcher(SEPARATORS.matcher(text).replaceAll(" ")).replaceAll(" ");
        return text + "\n" + split;
    }
}
