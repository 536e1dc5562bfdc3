// The end-to-end tests each drive stap builds or a QEMU VM, which want both cores of a CI machine;
// run one at a time so none of them starves the others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
