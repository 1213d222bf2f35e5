/* version.h - the package version, set by the build */
#ifndef KA_VERSION_H
#define KA_VERSION_H

#ifndef KA_VERSION
#define KA_VERSION "1.0.0"
#endif

#endif
