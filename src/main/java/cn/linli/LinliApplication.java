package cn.linli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
@org.springframework.scheduling.annotation.EnableScheduling
public class LinliApplication {

	public static void main(String[] args) {
		SpringApplication.run(LinliApplication.class, args);
	}
}
