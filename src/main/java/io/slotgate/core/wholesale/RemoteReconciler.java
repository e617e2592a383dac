package io.slotgate.core.wholesale;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Compares appointments at remote suppliers with the supplier's record in the background (see {@link RemoteSuppliers#reconcile}). */
@ApplicationScoped
public class RemoteReconciler {

  private final RemoteSuppliers remote;

  public RemoteReconciler(RemoteSuppliers remote) {
    this.remote = remote;
  }

  @Scheduled(every = "${slotgate.reconcile.every:60s}", concurrentExecution = SKIP, identity = "remote-reconciler")
  Uni<Void> reconcile() {
    return remote.reconcile().replaceWithVoid();
  }
}
