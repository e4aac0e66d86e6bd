package app.pieces.boot;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the auto-configuration, kept by the build: auto-configuration classes public final with
 * package-private bean methods, as in Spring Boot's own modules; no package cycles.
 */
@AnalyzeClasses(packages = "app.pieces.boot", importOptions = ImportOption.DoNotIncludeTests.class)
class AutoConfigurationShapeTests {

	@ArchTest
	static final ArchRule autoConfigurationsShouldBePublicFinal = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(JavaModifier.FINAL);

	@ArchTest
	static final ArchRule beanMethodsShouldBePackagePrivate = methods().that()
		.areAnnotatedWith(Bean.class)
		.should()
		.bePackagePrivate()
		.because("bean methods are not API; users replace a bean by declaring their own");

	@ArchTest
	static final ArchRule autoConfigurationMethodsShouldNotBePublic = noMethods().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic();

	@ArchTest
	static final ArchRule autoConfigurationFieldsShouldNotBePublic = noFields().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic();

	@ArchTest
	static final ArchRule packagesShouldBeFreeOfCycles = slices().matching("app.pieces.boot.(**)").should()
		.beFreeOfCycles();

}
