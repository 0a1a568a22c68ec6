package io.hotline.jobs.records;

/**
 * Where an input record came from, so every stored row and dead letter can be traced back: a Kafka
 * topic, partition and offset, or a file (partition -1) and its line number.
 */
public record Origin(String source, int partition, long offset) {
  public static final int FILE_PARTITION = -1;

  public static Origin kafka(String topic, int partition, long offset) {
    return new Origin(topic, partition, offset);
  }

  public static Origin file(String name, long lineNumber) {
    return new Origin(name, FILE_PARTITION, lineNumber);
  }

  @Override
  public String toString() {
    return partition == FILE_PARTITION
        ? source + ":" + offset
        : source + "[" + partition + "]@" + offset;
  }
}
