/**
 * Producers of exemplars and events: {@code source} reads items from MNIST IDX files, Omniglot, folders of PNG
 * images or CSV feature vectors; {@code produce} writes them to Kafka as {@code Exemplar} or {@code ScoreRequest}
 * records keyed by memory set; {@code cli} is the {@code ingest} command that joins the two.
 */
package org.vmastream.ingest;
