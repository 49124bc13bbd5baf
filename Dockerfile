# The Newsroute app (classify topology, CLI) for the production-like stack in docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dmaven.test.skip=true package -pl app -am \
 && mkdir -p /out/lib && cp app/target/*.jar /out/ \
 && tr ':' '\n' < app/target/classpath.txt | xargs -I{} cp {} /out/lib/

FROM eclipse-temurin:17-jre
COPY --from=build /out /opt/newsroute
ENV NEWSROUTE_JAVA_OPTS="-Xms512m -Xmx2g"
ENTRYPOINT ["sh", "-c", "exec java $NEWSROUTE_JAVA_OPTS -cp '/opt/newsroute/*:/opt/newsroute/lib/*' io.newsroute.app.Newsroute \"$@\"", "newsroute"]
