package io.autorecovery.detector.source;

/**
 * How far a tailed file has been read: the file's identity (device and inode where the file
 * system has them) and the byte offset just after the last line handed over.
 */
public record FileOffset(String fileKey, long offset) {}
