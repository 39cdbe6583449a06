package io.enifailover.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/** Log line formats: text for people, JSON (one object per line, key-values included) for log pipelines. */
enum LogFormat {
  text,
  json;

  void apply() {
    if (this != json) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.iteratorForAppenders().forEachRemaining(appender -> {
      if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        stream.stop();
        stream.setEncoder(encoder);
        stream.start();
      }
    });
  }
}
