# Finds the five OpenCV 4 modules the kiosk uses from Debian's per-module -dev packages
# (libopencv-core-dev, -imgproc-dev, -imgcodecs-dev, -objdetect-dev, -videoio-dev: the camera page reader). Debian ships OpenCVConfig.cmake
# only in libopencv-dev, which pulls VTK, GDAL and ~120 more packages the kiosk never uses.
# Defines OpenCV::core, OpenCV::imgproc, OpenCV::imgcodecs, OpenCV::objdetect, OpenCV::videoio.
find_path(OpenCVParts_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4)
set(_parts core imgproc imgcodecs objdetect videoio)
set(_libvars OpenCVParts_INCLUDE_DIR)
foreach(_p IN LISTS _parts)
  find_library(OpenCVParts_${_p}_LIBRARY NAMES opencv_${_p})
  list(APPEND _libvars OpenCVParts_${_p}_LIBRARY)
endforeach()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(OpenCVParts REQUIRED_VARS ${_libvars})
if(OpenCVParts_FOUND)
  foreach(_p IN LISTS _parts)
    if(NOT TARGET OpenCV::${_p})
      add_library(OpenCV::${_p} UNKNOWN IMPORTED)
      set_target_properties(OpenCV::${_p} PROPERTIES
        IMPORTED_LOCATION "${OpenCVParts_${_p}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${OpenCVParts_INCLUDE_DIR}")
    endif()
  endforeach()
endif()
