/** The streaming medallion layers: bronze ingestion, silver processing, maintenance. */
export * from './bronzeIngester';
export * from './bronzeStreams';
export * from './bronzeTable';
export * from './ingestLag';
export * from './kafkaOffsets';
export * from './silverFollower';
export * from './silverProcessor';
export * from './silverRebuild';
export * from './silverRows';
export * from './silverTables';
export * from './silverThread';
export * from './streamingMaintenance';
export * from './watermarkCommit';
