/** JMH benchmarks of the hot path and the statistics kernels. */
package dev.modelmonitor.benchmarks;
