// maven-invoker-plugin's pre-build hook: copies every ```java block of latentcheck's README.md and
// docs/*.md pages into this project's test sources (a block with a package goes to its package's
// folder), with the files those examples read, so that the build compiles and runs them from the
// pages' text itself.
// Written here because no plugin extracts code blocks from Markdown.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path root = new File(projectRoot).toPath()
Path project = basedir.toPath()
List<Path> pages = [root.resolve('README.md')] +
        root.resolve('docs').toFile().listFiles().findAll { it.name.endsWith('.md') }.sort { it.name }*.toPath()
List<String> blocks = pages.collectMany { Path page -> (page.toFile().getText('UTF-8') =~ /(?s)```java\n(.*?)```/).collect { it[1] } }
if (blocks.size() < 8) {
    throw new IllegalStateException("README.md and docs/ have " + blocks.size() + " java blocks, expected at least 8")
}
Path tests = project.resolve('src/test/java')
blocks.each { String code ->
    def type = code =~ /(?m)^(?:public\s+)?(?:final\s+)?(?:class|interface|record|enum)\s+(\w+)/
    if (!type.find()) {
        throw new IllegalStateException("a java block of README.md or docs/ declares no top-level type:\n" + code)
    }
    def pkg = code =~ /(?m)^package\s+([\w.]+);/
    Path folder = pkg.find() ? tests.resolve(pkg.group(1).replace('.', '/')) : tests
    Files.createDirectories(folder)
    Path file = folder.resolve(type.group(1) + '.java')
    if (Files.exists(file)) {
        throw new IllegalStateException("two java blocks of README.md and docs/ declare " + type.group(1))
    }
    file.toFile().setText(code, 'UTF-8')
}
['experiments/quickstart.yaml', 'fixtures/data/ring8_train.npy', 'fixtures/data/ring8_holdout.npy'].each {
    Path target = project.resolve(it)
    Files.createDirectories(target.parent)
    Files.copy(root.resolve(it), target, StandardCopyOption.REPLACE_EXISTING)
}
println "readme-examples: ${blocks.size()} java blocks of README.md and docs/ copied into ${tests}"
