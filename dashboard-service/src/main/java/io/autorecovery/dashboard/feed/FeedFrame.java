package io.autorecovery.dashboard.feed;

/** One thing written to a browser connection: an entry of the feed, or a signal about the line. */
public sealed interface FeedFrame permits FeedEntry, FeedSignal {}
