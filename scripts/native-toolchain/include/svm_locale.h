/* Handwritten for the toolchain: the struct and constants the svm jar's LocaleCHelper reads
 * (@CStruct("svm_locale_props_t"), @CConstant SVM_LOCALE_INITIALIZATION_*). */
#ifndef SVM_LOCALE_H
#define SVM_LOCALE_H
enum {
  SVM_LOCALE_INITIALIZATION_USE_DEFAULT = 0,
  SVM_LOCALE_INITIALIZATION_SUCCEEDED = 1,
  SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY = 2
};
typedef struct {
  char *format_language, *format_script, *format_country, *format_variant;
  char *display_language, *display_script, *display_country, *display_variant;
} svm_locale_props_t;
#endif
