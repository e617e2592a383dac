/*
 * Stand-in for SubstrateVM's libchelper (liblibchelper.a), whose C sources Maven Central does not
 * publish. Built as a shared library (lib/svm/runtime/libsvmchelper.so, with svm_container.c) that
 * liblibchelper.a names, so a fix here reaches built executables without relinking them: the C helper functions the image calls through @CFunction (names as in the svm jar's
 * LibCHelper, AMD64LibCHelper, LinuxLibCHelper, LocaleCHelper, CSunMiscSignal,
 * CodeSynchronizationOperations). Written for this toolchain; small on purpose.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <jni.h>
#include <sys/mman.h>
#include <errno.h>
#include <limits.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "amd64cpufeatures.h"
#include "svm_locale.h"

extern char **environ;

char **getEnviron(void) { return environ; }

/* ---- CPU features: cpuid leaves 1, 7 and 0x80000001, AVX state from xgetbv. ---- */
static int os_saves_avx(void) {
  unsigned a, b, c, d;
  __cpuid(1, a, b, c, d);
  if (!(c & (1u << 27))) return 0; /* OSXSAVE */
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (lo & 6) == 6;
}

static int os_saves_avx512(void) {
  unsigned lo, hi;
  if (!os_saves_avx()) return 0;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (lo & 0xe6) == 0xe6;
}

void determineCPUFeatures(CPUFeatures *f) {
  unsigned a, b, c, d, max = __get_cpuid_max(0, 0);
  memset(f, 0, sizeof(*f));
  __cpuid(1, a, b, c, d);
  f->fCX8 = !!(d & (1u << 8));
  f->fCMOV = !!(d & (1u << 15));
  f->fFXSR = !!(d & (1u << 24));
  f->fHT = !!(d & (1u << 28));
  f->fMMX = !!(d & (1u << 23));
  f->fSSE = !!(d & (1u << 25));
  f->fSSE2 = !!(d & (1u << 26));
  f->fTSC = !!(d & (1u << 4));
  f->fFLUSH = !!(d & (1u << 19));
  f->fSSE3 = !!(c & 1u);
  f->fCLMUL = !!(c & (1u << 1));
  f->fSSSE3 = !!(c & (1u << 9));
  f->fFMA = !!(c & (1u << 12)) && os_saves_avx();
  f->fSSE4_1 = !!(c & (1u << 19));
  f->fSSE4_2 = !!(c & (1u << 20));
  f->fPOPCNT = !!(c & (1u << 23));
  f->fAES = !!(c & (1u << 25));
  f->fAVX = !!(c & (1u << 28)) && os_saves_avx();
  f->fF16C = !!(c & (1u << 29)) && f->fAVX;
  f->fHV = !!(c & (1u << 31));
  f->fVZEROUPPER = f->fAVX;
  if (max >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    int avx512 = os_saves_avx512();
    f->fBMI1 = !!(b & (1u << 3));
    f->fAVX2 = !!(b & (1u << 5)) && f->fAVX;
    f->fBMI2 = !!(b & (1u << 8));
    f->fERMS = !!(b & (1u << 9));
    f->fRTM = !!(b & (1u << 11));
    f->fAVX512F = !!(b & (1u << 16)) && avx512;
    f->fAVX512DQ = !!(b & (1u << 17)) && avx512;
    f->fADX = !!(b & (1u << 19));
    f->fAVX512_IFMA = !!(b & (1u << 21)) && avx512;
    f->fFLUSHOPT = !!(b & (1u << 23));
    f->fCLWB = !!(b & (1u << 24));
    f->fAVX512CD = !!(b & (1u << 28)) && avx512;
    f->fSHA = !!(b & (1u << 29));
    f->fAVX512BW = !!(b & (1u << 30)) && avx512;
    f->fAVX512VL = !!(b & (1u << 31)) && avx512;
    f->fAVX512_VBMI = !!(c & (1u << 1)) && avx512;
    f->fPKU = !!(c & (1u << 3));
    f->fOSPKE = !!(c & (1u << 4));
    f->fAVX512_VBMI2 = !!(c & (1u << 6)) && avx512;
    f->fGFNI = !!(c & (1u << 8));
    f->fAVX512_VAES = !!(c & (1u << 9)) && avx512;
    f->fAVX512_VPCLMULQDQ = !!(c & (1u << 10)) && avx512;
    f->fAVX512_VNNI = !!(c & (1u << 11)) && avx512;
    f->fAVX512_BITALG = !!(c & (1u << 12)) && avx512;
    f->fAVX512_VPOPCNTDQ = !!(c & (1u << 14)) && avx512;
    f->fRDPID = !!(c & (1u << 22));
    f->fFSRM = !!(d & (1u << 4));
    f->fSERIALIZE = !!(d & (1u << 14));
  }
  if (__get_cpuid_max(0x80000000, 0) >= 0x80000001) {
    __cpuid(0x80000001, a, b, c, d);
    f->fLZCNT = !!(c & (1u << 5));
    f->fSSE4A = !!(c & (1u << 6));
    f->fAMD_3DNOW_PREFETCH = !!(c & (1u << 8));
    f->fRDTSCP = !!(d & (1u << 27));
  }
  if (__get_cpuid_max(0x80000000, 0) >= 0x80000007) {
    __cpuid(0x80000007, a, b, c, d);
    f->fTSCINV_BIT = !!(d & (1u << 8));
    f->fTSCINV = f->fTSCINV_BIT;
  }
}

/*
 * 0 when this CPU has every feature the image was compiled for. The image passes the complement of
 * its required CPUFeatures struct (0xff: not needed, 0xfe: needed), so every byte of mask | host
 * must be 0xff.
 */
int checkCPUFeatures(const unsigned char *mask) {
  CPUFeatures have;
  determineCPUFeatures(&have);
  const unsigned char *h = (const unsigned char *)&have;
  for (size_t i = 0; i < sizeof(have); i++) {
    if ((unsigned char)(mask[i] | h[i]) != 0xff) return 1;
  }
  return 0;
}

int checkCPUFeaturesOrExit(const unsigned char *required, const char *message) {
  if (checkCPUFeatures(required) != 0) {
    fputs(message, stderr);
    fputc('\n', stderr);
    exit(1);
  }
  return 0;
}

/* ---- Time zone: TZ, else /etc/timezone, else the /etc/localtime link, else UTC (caller frees). ---- */
char *SVM_FindJavaTZmd(const char *tzMappings, int length) {
  (void)tzMappings; (void)length;
  const char *tz = getenv("TZ");
  char buf[PATH_MAX];
  if (tz != NULL && *tz == ':') tz++;
  if (tz != NULL && *tz != '\0') return strdup(tz);
  FILE *f = fopen("/etc/timezone", "r");
  if (f != NULL) {
    char *ok = fgets(buf, sizeof buf, f);
    fclose(f);
    if (ok != NULL) {
      buf[strcspn(buf, " \n")] = '\0';
      if (buf[0] != '\0') return strdup(buf);
    }
  }
  ssize_t n = readlink("/etc/localtime", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = '\0';
    char *zone = strstr(buf, "zoneinfo/");
    if (zone != NULL) return strdup(zone + strlen("zoneinfo/"));
  }
  return strdup("UTC");
}

/* ---- Locale: fixed to en-US (the service formats nothing by the host's locale). ---- */
static svm_locale_props_t locale_props;

int svm_initialize_locale(void) {
  locale_props.format_language = locale_props.display_language = "en";
  locale_props.format_country = locale_props.display_country = "US";
  return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) { return &locale_props; }

/* ---- Threads. ---- */
int getThreadId(void) { return (int)syscall(SYS_gettid); }

/* User CPU time of a thread in nanoseconds, from /proc (utime is field 14 of stat, in clock ticks). */
long getThreadUserTimeSlow(int tid) {
  char path[64], stat[2048];
  snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  size_t n = fread(stat, 1, sizeof stat - 1, f);
  fclose(f);
  stat[n] = '\0';
  char *p = strrchr(stat, ')');
  long utime = 0;
  if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld", &utime) != 1) return -1;
  return utime * (1000000000L / sysconf(_SC_CLK_TCK));
}

/* x86 keeps instruction caches coherent: nothing to flush. */
void codeSynchronization_clearCache(long start, long size) { (void)start; (void)size; }

/* ---- Signals for jdk.internal.misc.Signal: a counting handler and a semaphore the dispatcher waits on. ---- */
static volatile long pending[NSIG];
static sem_t semaphore;
static volatile int opened;

int cSunMiscSignal_open(void) {
  if (__sync_val_compare_and_swap(&opened, 0, 1) != 0) { errno = EBUSY; return -1; }
  memset((void *)pending, 0, sizeof pending);
  return sem_init(&semaphore, 0, 0);
}

int cSunMiscSignal_close(void) {
  if (opened) sem_destroy(&semaphore);
  opened = 0;
  return 0;
}

int cSunMiscSignal_awaitSemaphore(void) {
  int r = sem_wait(&semaphore);
  return (r != 0 && errno == EINTR) ? 0 : r;
}

int cSunMiscSignal_signalSemaphore(void) { return sem_post(&semaphore); }

int cSunMiscSignal_signalRangeCheck(int signal) { return signal > 0 && signal < NSIG; }

/* A signal with a pending count (decremented), or -1 when none is pending. */
int cSunMiscSignal_checkPendingSignal(void) {
  for (int s = 1; s < NSIG; s++) {
    long count;
    while ((count = pending[s]) > 0) {
      if (__sync_bool_compare_and_swap(&pending[s], count, count - 1)) return s;
    }
  }
  return -1;
}

static void counting_handler(int signal) {
  int saved = errno;
  if (signal > 0 && signal < NSIG) {
    __sync_fetch_and_add(&pending[signal], 1);
    sem_post(&semaphore);
  }
  errno = saved;
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) { return (void *)counting_handler; }

/* ---- Fixed-argument wrappers for variadic libc functions (the image calls them without varargs). ---- */
int fprintfSD(FILE *stream, const char *format, char *arg0, int arg1) { return fprintf(stream, format, arg0, arg1); }
int openSII(const char *path, int flags, int mode) { return open(path, flags, mode); }
void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
  return mremap(old_address, old_size, new_size, flags, new_address);
}

/*
 * ---- JNI_OnLoad_<lib>: the image calls these for the JDK libraries it treats as built in. Here
 * those are the JDK's shared libraries (see lib/static in the toolchain), so each call is forwarded
 * to that library's own JNI_OnLoad, if it has one.
 */
static jint forward_onload(const char *soname, JavaVM *vm, void *reserved) {
  void *lib = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);
  if (lib == NULL) return JNI_VERSION_1_8;
  jint (*onload)(JavaVM *, void *) = (jint(*)(JavaVM *, void *))dlsym(lib, "JNI_OnLoad");
  Dl_info info;
  /* dlsym also searches the library's dependencies: only take a JNI_OnLoad defined in this one. */
  if (onload == NULL || dladdr((void *)onload, &info) == 0 || strstr(info.dli_fname, soname) == NULL) {
    return JNI_VERSION_1_8;
  }
  /* A shared JDK library answers JNI_VERSION_1_2; a built-in (static) one must answer 1.8 or newer. */
  return onload(vm, reserved) < 0 ? JNI_ERR : JNI_VERSION_1_8;
}
JNIEXPORT jint JNICALL JNI_OnLoad_java(JavaVM *vm, void *r) { return forward_onload("libjava.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_nio(JavaVM *vm, void *r) { return forward_onload("libnio.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_net(JavaVM *vm, void *r) { return forward_onload("libnet.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_zip(JavaVM *vm, void *r) { return forward_onload("libzip.so", vm, r); }
JNIEXPORT jint JNICALL JNI_OnLoad_extnet(JavaVM *vm, void *r) { return forward_onload("libextnet.so", vm, r); }
/* JAAS's UnixSystem (the login kafka-clients sets up, also without SASL): libjaas has no JNI_OnLoad of its own. */
JNIEXPORT jint JNICALL JNI_OnLoad_jaas(JavaVM *vm, void *r) { return forward_onload("libjaas.so", vm, r); }
/*
 * Not forwarded: libmanagement_ext's JNI_OnLoad asks HotSpot for its management interface
 * (JVM_GetManagement), which no native image has. The functions the image reaches (the operating
 * system bean's CPU and memory figures) do not use it.
 */
JNIEXPORT jint JNICALL JNI_OnLoad_management_ext(JavaVM *vm, void *r) { return JNI_VERSION_1_8; }
