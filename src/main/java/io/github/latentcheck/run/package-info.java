/** API: experiments, the runner, and the results a run hands back. */
package io.github.latentcheck.run;
