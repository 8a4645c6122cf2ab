/** API: the JUnit 5 extension ({@link io.github.latentcheck.junit.LatentExperiment}) and gates as dynamic tests ({@link io.github.latentcheck.junit.LatentGates}). */
package io.github.latentcheck.junit;
