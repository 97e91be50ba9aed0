export interface Config {
  /**
   * Configuration of the Medallion lakehouse backend plugin.
   */
  lakehouse?: {
    kafka?: {
      /**
       * Kafka bootstrap brokers, as host:port.
       */
      brokers?: string[];
      /**
       * Topic the purchase events are produced to and ingested from.
       */
      topic?: string;
    };
  };
}
