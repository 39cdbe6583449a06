package io.enifailover.ec2;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Reports each HTTP attempt the SDK makes, so retried throttling shows up in the counts too. */
final class ObservingInterceptor implements ExecutionInterceptor {
  private final Ec2CallObserver observer;

  ObservingInterceptor(Ec2CallObserver observer) {
    this.observer = observer;
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    int status = context.httpResponse().statusCode();
    // EC2 answers RequestLimitExceeded with 503.
    String outcome = status < 300 ? "success" : status == 503 ? "throttled" : status < 500 ? "client_error" : "server_error";
    observer.attempt(action(attributes), outcome);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (context.exception() instanceof SdkClientException && context.httpResponse().isEmpty()) {
      observer.attempt(action(attributes), "no_answer");
    }
  }

  private static String action(ExecutionAttributes attributes) {
    String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return name == null ? "unknown" : name;
  }
}
