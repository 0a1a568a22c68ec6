package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of a stream of calls in the ingest job, written by {@link CdrSerializer}. */
public final class CdrTypeInfo extends TypeInformation<Cdr> {
  private static final long serialVersionUID = 1L;

  public static final CdrTypeInfo INSTANCE = new CdrTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<Cdr> getTypeClass() {
    return Cdr.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Cdr> createSerializer(SerializerConfig config) {
    return CdrSerializer.INSTANCE;
  }

  @Override
  @Deprecated
  public TypeSerializer<Cdr> createSerializer(ExecutionConfig config) {
    return CdrSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "Cdr";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CdrTypeInfo;
  }

  @Override
  public int hashCode() {
    return CdrTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof CdrTypeInfo;
  }
}
