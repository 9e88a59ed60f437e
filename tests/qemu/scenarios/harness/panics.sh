# A scenario that crashes the guest kernel: no result marker follows.
echo c >/proc/sysrq-trigger
