# A scenario that fails in the guest with status 3.
echo "failing on purpose"
exit 3
