// The browser suites that are many independent runs of the same kind (the broken-integration
// matrix, the explorer's fixtures) mark their cases parallelizable; everything else runs one at a
// time. Two at once: the machine this suite is measured on has 2 cores, and each run spends most of
// its time waiting on the page. NUnit never runs a non-parallel test beside a parallel one.
[assembly: LevelOfParallelism(2)]
