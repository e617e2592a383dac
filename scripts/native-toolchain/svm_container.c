/*
 * Stand-in for SubstrateVM's libsvm_container.a (HotSpot's cgroup code compiled as C++ in GraalVM).
 * It says "not containerised" (0 = SUCCESS_IS_NOT_CONTAINERIZED, see the svm jar's ContainerLibrary),
 * so the image sizes its heap and thread pools from the host's memory and processors. Right on these
 * machines; a container limit would be ignored, which is one reason this binary is not for shipping.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

int svm_container_initialize(int version) { (void)version; return 0; }
unsigned long svm_container_physical_memory(void) {
  return (unsigned long)sysconf(_SC_PHYS_PAGES) * (unsigned long)sysconf(_SC_PAGESIZE);
}
/* -1: no limit / unknown, as HotSpot's OSContainer answers outside a container. */
long svm_container_memory_limit_in_bytes(void) { return -1; }
long svm_container_memory_and_swap_limit_in_bytes(void) { return -1; }
long svm_container_memory_soft_limit_in_bytes(void) { return -1; }
long svm_container_memory_usage_in_bytes(void) { return -1; }
long svm_container_memory_max_usage_in_bytes(void) { return -1; }
long svm_container_rss_usage_in_bytes(void) { return -1; }
long svm_container_cache_usage_in_bytes(void) { return -1; }
int svm_container_active_processor_count(void) {
  cpu_set_t set;
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)sysconf(_SC_NPROCESSORS_ONLN);
}
