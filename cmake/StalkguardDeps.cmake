# Every external library we link, found once. scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(tl-expected REQUIRED)
find_package(fmt REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(simdjson REQUIRED)
find_package(pugixml REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(LibArchive REQUIRED)
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(URIPARSER REQUIRED IMPORTED_TARGET liburiparser)
pkg_check_modules(CLAMAV REQUIRED IMPORTED_TARGET libclamav)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
find_package(yaml-cpp REQUIRED)

# zxcvbn (libzxcvbn-dev) ships its libraries and a header, nothing to find them by. The shared
# one: Debian's libzxcvbn.a is built without -fPIC and cannot go into our PIE binaries.
find_library(ZXCVBN_SHARED_LIB NAMES libzxcvbn.so.0 libzxcvbn.so REQUIRED)
find_path(ZXCVBN_INCLUDE zxcvbn.h REQUIRED)
add_library(sg_zxcvbn INTERFACE)
target_link_libraries(sg_zxcvbn INTERFACE ${ZXCVBN_SHARED_LIB} m)
target_include_directories(sg_zxcvbn SYSTEM INTERFACE ${ZXCVBN_INCLUDE})

# libphonenumber ships neither a CMake config nor a pkg-config file on Debian 12.
find_library(PHONENUMBER_LIB phonenumber REQUIRED)
find_path(PHONENUMBER_INCLUDE phonenumbers/phonenumberutil.h REQUIRED)
add_library(sg_phonenumber INTERFACE)
target_link_libraries(sg_phonenumber INTERFACE ${PHONENUMBER_LIB})
target_include_directories(sg_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE})

# fastText (libfasttext-dev): only classify_bench links it, to time its predict next to ours.
find_library(FASTTEXT_LIB fasttext)
find_path(FASTTEXT_INCLUDE fasttext/fasttext.h)
