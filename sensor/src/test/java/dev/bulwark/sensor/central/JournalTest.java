package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path directory;

  @Test
  void entriesComeBackInOrderUntilAcknowledged() throws IOException {
    try (Journal journal = new Journal(directory, 1 << 20)) {
      journal.append(Journal.Type.BATCH, 1, bytes("one"));
      journal.append(Journal.Type.ENFORCEMENT, 0, bytes("two"));

      Journal.Entry first = journal.next().orElseThrow();
      assertThat(text(first)).isEqualTo("one");
      assertThat(first.sequence()).isEqualTo(1);
      journal.acknowledge(first);
      Journal.Entry second = journal.next().orElseThrow();
      assertThat(second.type()).isEqualTo(Journal.Type.ENFORCEMENT);
      journal.acknowledge(second);

      assertThat(journal.next()).isEmpty();
      assertThat(journal.pendingBytes()).isZero();
    }
  }

  @Test
  void unacknowledgedEntriesSurviveAReopen() throws IOException {
    try (Journal journal = new Journal(directory, 1 << 20)) {
      journal.append(Journal.Type.BATCH, 1, bytes("one"));
      journal.append(Journal.Type.BATCH, 2, bytes("two"));
      journal.append(Journal.Type.BATCH, 3, bytes("three"));
      journal.acknowledge(journal.next().orElseThrow());
    }

    try (Journal reopened = new Journal(directory, 1 << 20)) {
      assertThat(drain(reopened)).containsExactly("two", "three");
      assertThat(reopened.highestSequence()).isZero();
    }
  }

  @Test
  void anEntryTornByACrashIsCutOff() throws IOException {
    try (Journal journal = new Journal(directory, 1 << 20)) {
      journal.append(Journal.Type.BATCH, 1, bytes("whole"));
      journal.append(Journal.Type.BATCH, 2, bytes("torn"));
    }
    Path file = directory.resolve("journal");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(file) - 3);
    }

    try (Journal reopened = new Journal(directory, 1 << 20)) {
      assertThat(reopened.highestSequence()).isEqualTo(1);
      assertThat(drain(reopened)).containsExactly("whole");
    }
  }

  @Test
  void aDamagedChecksumEndsTheReadableEntries() throws IOException {
    try (Journal journal = new Journal(directory, 1 << 20)) {
      journal.append(Journal.Type.BATCH, 1, bytes("first"));
      journal.append(Journal.Type.BATCH, 2, bytes("second"));
    }
    Path file = directory.resolve("journal");
    byte[] content = Files.readAllBytes(file);
    content[content.length - 6] ^= 0x7f;
    Files.write(file, content);

    try (Journal reopened = new Journal(directory, 1 << 20)) {
      assertThat(drain(reopened)).containsExactly("first");
    }
  }

  @Test
  void anAppendBeyondTheBoundIsRefusedAfterCompacting() throws IOException {
    try (Journal journal = new Journal(directory, 100)) {
      assertThat(journal.append(Journal.Type.BATCH, 1, new byte[40])).isTrue();
      assertThat(journal.append(Journal.Type.BATCH, 2, new byte[40])).isFalse();
      journal.acknowledge(journal.next().orElseThrow());
      assertThat(journal.append(Journal.Type.BATCH, 3, new byte[40])).isTrue();
      assertThat(journal.append(Journal.Type.BATCH, 4, new byte[20])).isTrue();

      assertThat(journal.highestSequence()).isEqualTo(4);
      assertThat(Files.size(directory.resolve("journal"))).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void removeDropsTheSelectedEntriesAndKeepsTheOthersInOrder() throws IOException {
    try (Journal journal = new Journal(directory, 1 << 20)) {
      journal.append(Journal.Type.BATCH, 1, bytes("b1"));
      journal.append(Journal.Type.ENFORCEMENT, 0, bytes("e1"));
      journal.append(Journal.Type.BATCH, 2, bytes("b2"));
      journal.append(Journal.Type.ENFORCEMENT, 0, bytes("e2"));

      journal.remove(entry -> entry.type() == Journal.Type.BATCH);

      assertThat(drain(journal)).containsExactly("e1", "e2");
    }
    try (Journal reopened = new Journal(directory, 1 << 20)) {
      assertThat(reopened.next()).isEmpty();
    }
  }

  private static List<String> drain(Journal journal) throws IOException {
    List<String> texts = new ArrayList<>();
    for (var entry = journal.next(); entry.isPresent(); entry = journal.next()) {
      texts.add(text(entry.get()));
      journal.acknowledge(entry.get());
    }
    return texts;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Journal.Entry entry) {
    return new String(entry.payload(), StandardCharsets.UTF_8);
  }
}
