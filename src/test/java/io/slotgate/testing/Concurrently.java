package io.slotgate.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Racing clients: the same request sent by many threads at once, answered as a count per HTTP status, which is what
 * every race test asserts (one 201, the rest 409), or as the answers themselves. One place that starts the threads
 * and always stops them.
 */
public final class Concurrently {

  private Concurrently() {}

  /** Runs {@code clients} calls at once, the i-th being {@code call.apply(i)}, and counts their statuses. */
  public static Map<Integer, Integer> statuses(int clients, IntFunction<Integer> call) throws Exception {
    Map<Integer, Integer> outcomes = new HashMap<>();
    all(clients, call).forEach(status -> outcomes.merge(status, 1, Integer::sum));
    return outcomes;
  }

  /** Runs {@code clients} calls at once, the i-th being {@code call.apply(i)}, and answers them in that order. */
  public static <T> List<T> all(int clients, IntFunction<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<T>> calls = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        calls.add(() -> call.apply(client));
      }
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : pool.invokeAll(calls)) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
