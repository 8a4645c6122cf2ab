package org.example;

import static io.github.latentcheck.assertj.LatentAssertions.assertThat;
import static io.github.latentcheck.assertj.LatentAssertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What latentcheck brings to a project that declares nothing but latentcheck, JUnit 5 and AssertJ. */
class DependenciesTest {
    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, DependenciesTest.class.getClassLoader());
    }

    @Test
    void commonsRngResolvesToOneVersion() throws ClassNotFoundException {
        assertThat(load("org.apache.commons.rng.ArbitrarilyJumpableUniformRandomProvider")).isInterface();
    }

    @Test
    void noLoggingBindingNoOnnxRuntimeAndNoPdfbox() {
        assertThatThrownBy(() -> load("org.slf4j.Logger")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> load("ai.onnxruntime.OrtEnvironment")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> load("org.apache.pdfbox.pdmodel.PDDocument"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
