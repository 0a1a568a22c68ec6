package io.hotline.launcher.simulate;

import com.sun.nio.file.ExtendedOpenOption;
import io.hotline.schemas.events.EventKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code cdr.jsonl}, {@code recording.jsonl} and {@code sms.jsonl} into a directory, one
 * event per line, replacing files of those names. Each file has a large off-heap buffer written in
 * big blocks, with direct I/O where the file system allows it: a month of national traffic is
 * gigabytes that nobody reads back at once, and pushing it through the page cache cost more CPU
 * than generating it (several times more on virtual machines that back memory lazily).
 */
public final class FileEventSink implements EventSink {
  private static final int BUFFER_BYTES = 4 << 20;
  private static final OpenOption[] WRITE_NEW = {
    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING
  };

  private final Path[] files = new Path[EventKind.values().length];
  private final FileChannel[] channels = new FileChannel[files.length];
  private final ByteBuffer[] buffers = new ByteBuffer[files.length];
  private final boolean direct;
  private final int block;

  /** Opens the three files under {@code dir}, creating the directory if needed. */
  public FileEventSink(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.block = blockSize(dir);
    this.direct = block > 0 && BUFFER_BYTES % block == 0 && directIoWorks(dir);
    try {
      for (EventKind kind : EventKind.values()) {
        int k = kind.ordinal();
        files[k] = fileOf(dir, kind);
        channels[k] = FileChannel.open(files[k], direct ? withDirect(WRITE_NEW) : WRITE_NEW);
        // Direct I/O needs buffers aligned to the file system block.
        buffers[k] =
            direct
                ? ByteBuffer.allocateDirect(BUFFER_BYTES + block).alignedSlice(block)
                : ByteBuffer.allocateDirect(BUFFER_BYTES);
      }
    } catch (IOException e) {
      closeChannels();
      throw e;
    }
  }

  /** The file an event kind is written to under {@code dir}. */
  public static Path fileOf(Path dir, EventKind kind) {
    return dir.resolve(kind.code() + ".jsonl");
  }

  @Override
  public void write(EventKind kind, byte[] data, int start, int end, int keyStart, int keyEnd)
      throws IOException {
    int k = kind.ordinal();
    int length = end - start + 1;
    ByteBuffer buf = buffers[k];
    if (buf.remaining() < length) {
      drain(k);
      if (buf.remaining() < length) {
        throw new IOException("event of " + length + " bytes does not fit the write buffer");
      }
    }
    buf.put(data, start, end - start).put((byte) '\n');
  }

  /** Writes the buffer's whole blocks (all of it without direct I/O) and keeps the rest. */
  private void drain(int k) throws IOException {
    ByteBuffer b = buffers[k];
    int filled = b.position();
    int writable = direct ? filled - filled % block : filled;
    b.flip().limit(writable);
    while (b.hasRemaining()) {
      channels[k].write(b);
    }
    b.limit(filled);
    b.compact();
  }

  @Override
  public void close() throws IOException {
    try {
      for (int k = 0; k < channels.length; k++) {
        drain(k);
      }
    } finally {
      closeChannels();
    }
    if (direct) {
      writeTails();
    }
  }

  /** The last partial block of each file cannot go through direct I/O: append it normally. */
  private void writeTails() throws IOException {
    for (int k = 0; k < files.length; k++) {
      ByteBuffer tail = buffers[k].flip();
      if (!tail.hasRemaining()) {
        continue;
      }
      try (FileChannel c = FileChannel.open(files[k], StandardOpenOption.APPEND)) {
        while (tail.hasRemaining()) {
          c.write(tail);
        }
      }
    }
  }

  private static int blockSize(Path dir) {
    try {
      long size = Files.getFileStore(dir).getBlockSize();
      return size > 0 && size <= 1 << 16 ? (int) size : -1;
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Whether the file system takes O_DIRECT (tmpfs, for one, does not). */
  private static boolean directIoWorks(Path dir) {
    Path probe = dir.resolve(".direct-io-probe");
    try (FileChannel c = FileChannel.open(probe, withDirect(WRITE_NEW))) {
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // A leftover probe file is harmless.
      }
    }
  }

  private static OpenOption[] withDirect(OpenOption[] options) {
    OpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
    all[options.length] = ExtendedOpenOption.DIRECT;
    return all;
  }

  private void closeChannels() throws IOException {
    IOException first = null;
    for (FileChannel c : channels) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
