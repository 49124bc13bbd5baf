/**
 * Ingest: turns files, directories and JSON Lines into {@link io.newsroute.schema.RawArticle}
 * records and produces them, keyed by a stable article id, to the raw topic.
 *
 * <ul>
 *   <li>{@link io.newsroute.ingest.ArticleIds}: the stable id (canonical URL hash, else content hash).</li>
 *   <li>{@link io.newsroute.ingest.ArticleReader}: parsing; bad input becomes
 *       {@link io.newsroute.ingest.IngestProblem}s with path and line, never an exception.</li>
 *   <li>{@link io.newsroute.ingest.RawArticleProducer}: idempotent, {@code acks=all} producer;
 *       delivery failures become {@link io.newsroute.ingest.IngestException}s.</li>
 *   <li>{@link io.newsroute.ingest.Ingestor}: read, send, flush, report.</li>
 * </ul>
 */
package io.newsroute.ingest;
