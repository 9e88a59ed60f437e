# Sweep throughput of examples/dsweeper against the guest kernel's own
# driver on the same disk in the same boot (included by CMakeLists.txt
# here): the kernel's ahci (q35) or ata_piix (pc) writes zeros over a
# 128 MiB partition with `dd bs=1M oflag=direct` and reads it back with
# iflag=direct; then the controller goes to vfio-pci / uio_pci_generic and
# dsweeper does --zero --write and --random --verify --write on the same
# partition. dsweeper_bench.sh prints the MB/s and the ratios; a scenario
# passes when every variant produced its number (dsweeper_check.sh), never
# on a speed. Results and the command: bench/RESULTS.md.
if(NOT TARGET dsw_mkimage OR NOT TARGET dsweeper)
  return()
endif()

set(DSW_BENCH_FILES
  ${PROJECT_SOURCE_DIR}/backends/posix_uio/dde-bind=/bin/dde-bind
  ${PROJECT_SOURCE_DIR}/tests/qemu/posix_uio/common.sh=/etc/libdde/posix_uio.sh
  ${PROJECT_SOURCE_DIR}/tests/qemu/dsweeper/common.sh=/etc/libdde/dsweeper.sh)
set(DSW_BENCH_VARIANTS native_zero native_read dsweeper_zero dsweeper_random_verify)

libdde_qemu_scenario(dsweeper_bench_ahci
  MACHINE q35-iommu
  DEVICES -device ahci,id=ahci
          -drive if=none,id=d0,file=bench.img,format=raw,cache=unsafe
          -device ide-hd,drive=d0,bus=ahci.0
  BINARIES dsweeper
  MODULES sd_mod crct10dif_generic crc64_rocksoft_generic ahci vfio vfio_iommu_type1 vfio-pci
  KERNEL_ARGS no_timer_check hugepages=16
  FILES ${DSW_BENCH_FILES}
  PREPARE $<TARGET_FILE:dsw_mkimage> make bench bench.img 128
  SCRIPT dsweeper_bench.sh
  HOST_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/dsweeper_check.sh dsweeper_ahci
             ${DSW_BENCH_VARIANTS}
  LABELS bench dsweeper fbsd ata bddf vfio
  TIMEOUT 240)

libdde_qemu_scenario(dsweeper_bench_piix
  MACHINE pc
  DEVICES -drive file=bench.img,format=raw,if=ide,index=0,cache=unsafe
  BINARIES dsweeper
  MODULES sd_mod crct10dif_generic crc64_rocksoft_generic ata_piix uio uio_pci_generic
  KERNEL_ARGS hugepages=32
  FILES ${DSW_BENCH_FILES}
  PREPARE $<TARGET_FILE:dsw_mkimage> make bench bench.img 128
  SCRIPT dsweeper_bench.sh
  HOST_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/dsweeper_check.sh dsweeper_piix
             ${DSW_BENCH_VARIANTS}
  LABELS bench dsweeper fbsd ata bddf uio
  TIMEOUT 240)
