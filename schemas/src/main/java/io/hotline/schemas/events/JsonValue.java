package io.hotline.schemas.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** One top-level field value as read: its JSON type and, for scalars, its text. */
record JsonValue(JsonToken token, String text) {

  static JsonValue of(JsonToken token, JsonParser p) throws IOException {
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      p.skipChildren();
      return new JsonValue(token, null);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new JsonValue(token, null);
    }
    return new JsonValue(token, p.getText());
  }

  boolean isNull() {
    return token == JsonToken.VALUE_NULL;
  }

  boolean isString() {
    return token == JsonToken.VALUE_STRING;
  }

  /** The JSON type in words, for messages such as "must be a string, got a number". */
  String typeName() {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
