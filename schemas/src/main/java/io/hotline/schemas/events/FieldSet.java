package io.hotline.schemas.events;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The top-level fields one event kind knows, numbered in contract order: a field's number is the
 * ordinal of its constant and the slot its value is kept in while a record is read. Unknown names
 * have no slot and are skipped.
 */
final class FieldSet {
  /** The most fields any kind has; the size of a {@link FieldReader}'s slot arrays. */
  static final int MAX_FIELDS = 14;

  /** Fields of a {@code cdr}, in the contract's order (the order problems are reported in). */
  enum CdrField {
    CALL_ID,
    LINE,
    CENTER,
    CALLER,
    ARRIVED_AT,
    QUEUED_AT,
    ANSWERED_AT,
    ENDED_AT,
    END_REASON,
    QUEUE,
    AGENT_ID,
    TOPIC,
    SATISFACTION,
    RECORDING_ID
  }

  /** Fields of a {@code recording}, in the contract's order. */
  enum RecordingField {
    RECORDING_ID,
    CALL_ID,
    CENTER,
    AGENT_ID,
    STARTED_AT,
    DURATION_MS,
    URI,
    CODEC,
    BYTES,
    SHA256
  }

  /** Fields of an {@code sms}, in the contract's order. */
  enum SmsField {
    SMS_ID,
    LINE,
    CENTER,
    DIRECTION,
    SENT_AT,
    SEGMENTS,
    STATUS
  }

  static final FieldSet CDR = of(CdrField.values());
  static final FieldSet RECORDING = of(RecordingField.values());
  static final FieldSet SMS = of(SmsField.values());

  private final String[] names;
  private final SerializableString[] serializedNames;
  private final byte[][] closedNames;
  private final Map<String, Integer> slots = new HashMap<>();

  private FieldSet(String[] names) {
    if (names.length > MAX_FIELDS) {
      throw new IllegalArgumentException("more than " + MAX_FIELDS + " fields");
    }
    this.names = names;
    this.serializedNames = new SerializableString[names.length];
    this.closedNames = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      closedNames[i] = (names[i] + "\"").getBytes(StandardCharsets.US_ASCII);
      serializedNames[i] = new SerializedString(names[i]);
      slots.put(names[i], i);
    }
  }

  // The JSON name is the constant's name in lower case, e.g. ARRIVED_AT -> arrived_at.
  private static FieldSet of(Enum<?>[] fields) {
    String[] names = new String[fields.length];
    for (Enum<?> f : fields) {
      names[f.ordinal()] = f.name().toLowerCase(Locale.ROOT);
    }
    return new FieldSet(names);
  }

  int size() {
    return names.length;
  }

  /** The name's ASCII bytes followed by a closing quote, as the name appears in a record. */
  byte[] closedName(int slot) {
    return closedNames[slot];
  }

  String name(int slot) {
    return names[slot];
  }

  /** The name pre-encoded for Jackson's fast name match ({@code nextFieldName}). */
  SerializableString serializedName(int slot) {
    return serializedNames[slot];
  }

  /** The slot of a field name, or -1 for a field this kind does not know. */
  int slotOf(String name) {
    Integer slot = slots.get(name);
    return slot == null ? -1 : slot;
  }
}
