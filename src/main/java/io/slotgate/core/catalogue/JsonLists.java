package io.slotgate.core.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import java.util.UUID;

/**
 * List-valued catalogue columns stored as JSON text: Hibernate Reactive maps JSON columns to objects
 * only, so arrays go through these converters instead.
 */
final class JsonLists {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLists() {}

  abstract static class Base<T> implements AttributeConverter<List<T>, String> {
    private final TypeReference<List<T>> type;

    Base(TypeReference<List<T>> type) {
      this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(List<T> values) {
      try {
        return JSON.writeValueAsString(values == null ? List.of() : values);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }

    @Override
    public List<T> convertToEntityAttribute(String column) {
      try {
        return column == null ? List.of() : JSON.readValue(column, type);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Stored list does not parse: " + column, e);
      }
    }
  }

  @Converter
  static class Strings extends Base<String> {
    Strings() {
      super(new TypeReference<>() {});
    }
  }

  @Converter
  static class Uuids extends Base<UUID> {
    Uuids() {
      super(new TypeReference<>() {});
    }
  }

  @Converter
  static class InformationQuestions extends Base<Service.InformationQuestion> {
    InformationQuestions() {
      super(new TypeReference<>() {});
    }
  }

  @Converter
  static class ScreeningQuestions extends Base<Service.ScreeningQuestion> {
    ScreeningQuestions() {
      super(new TypeReference<>() {});
    }
  }
}
