package io.autorecovery.detector.store;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script a store runs in Redis, read from the resources beside the stores. Calls send only
 * its SHA-1 digest ({@link #evalsha}), after a {@link #load} earlier in the same pipeline.
 *
 * @param text the script's source
 * @param sha1 its SHA-1 digest in lower-case hex, the name Redis caches it under
 */
record RedisScript(String text, String sha1) {

    static RedisScript read(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing Redis script " + name);
            }
            byte[] text = in.readAllBytes();
            return new RedisScript(
                    new String(text, StandardCharsets.UTF_8),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * Caches the script in Redis, which costs Redis no more than a digest when it holds it already.
     * Calls after it on the same connection may name the script by its digest, even when Redis
     * restarted or its script cache was flushed since the last batch.
     */
    Request load() {
        return Request.cmd(Command.SCRIPT).arg("LOAD").arg(text);
    }

    /** The call by digest, for a pipeline that has {@link #load}ed the script before. */
    Request evalsha(String[] keysAndArgs) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha1);
        for (String arg : keysAndArgs) {
            request.arg(arg);
        }
        return request;
    }
}
