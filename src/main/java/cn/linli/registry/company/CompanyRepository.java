package cn.linli.registry.company;

import org.springframework.data.repository.CrudRepository;

interface CompanyRepository extends CrudRepository<PropertyCompany, Long> {
}
